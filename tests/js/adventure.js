// Text adventure as a state machine driven by a scripted list of commands.
const rooms = {
  hall: { desc: "a dusty hall", exits: { north: "library", east: "kitchen" }, items: ["lamp"] },
  library: { desc: "a quiet library", exits: { south: "hall" }, items: ["book", "key"], dark: true },
  kitchen: { desc: "a cold kitchen", exits: { west: "hall", down: "cellar" }, items: [] },
  cellar: { desc: "a damp cellar", exits: { up: "kitchen" }, items: ["treasure"], locked: true },
};

const state = { room: "hall", inventory: new Set(), moves: 0, over: false };

function describe() {
  const r = rooms[state.room];
  if (r.dark && !state.inventory.has("lamp")) return "It is pitch dark.";
  let s = `You are in ${r.desc}.`;
  if (r.items.length) s += ` You see: ${r.items.join(", ")}.`;
  s += ` Exits: ${Object.keys(r.exits).join(", ")}.`;
  return s;
}

const handlers = {
  look: () => describe(),
  go(dir) {
    const target = rooms[state.room].exits[dir];
    if (!target) return `You can't go ${dir}.`;
    if (rooms[target].locked) {
      if (!state.inventory.has("key")) return "The door is locked.";
      rooms[target].locked = false;
      state.room = target;
      return "You unlock the door with the key. " + describe();
    }
    state.room = target;
    return describe();
  },
  take(item) {
    const r = rooms[state.room];
    if (r.dark && !state.inventory.has("lamp")) return "You fumble in the dark.";
    const i = r.items.indexOf(item);
    if (i < 0) return `There is no ${item} here.`;
    r.items.splice(i, 1);
    state.inventory.add(item);
    if (item === "treasure") state.over = true;
    return `Taken: ${item}.`;
  },
  inventory: () => state.inventory.size ? `You carry: ${[...state.inventory].join(", ")}` : "You carry nothing.",
};

function run(line) {
  const [verb, ...rest] = line.trim().split(/\s+/);
  const handler = handlers[verb];
  state.moves++;
  switch (typeof handler) {
    case "function":
      return handler(rest.join(" "));
    default:
      return `I don't know how to "${verb}".`;
  }
}

const script = [
  "look", "go north", "take book", "go south", "take lamp", "go north",
  "take key", "take book", "inventory", "go west", "go south", "go east",
  "go down", "dance", "take treasure", "look",
];
outer: for (const cmd of script) {
  console.log("> " + cmd);
  console.log(run(cmd));
  if (state.over) {
    console.log(`You win in ${state.moves} moves!`);
    break outer;
  }
}
console.log(state.inventory);
console.log(Object.entries(rooms).map(([k, v]) => `${k}:${v.items.length}`).join(" "));
