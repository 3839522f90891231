// A rejected top-level await in an imported module rejects the whole
// graph: the importer never runs, the error is uncaught (exit code 1), and
// pending timers do not run.
import { value } from "./load.mjs";
console.log("never", value);
