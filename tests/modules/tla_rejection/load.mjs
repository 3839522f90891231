console.log("loading");
setTimeout(() => console.log("timer never fires"), 50);
export const value = await new Promise((_, reject) =>
  setTimeout(() => reject(new Error("load failed")), 5)
);
