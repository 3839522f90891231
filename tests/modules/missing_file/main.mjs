// A missing module file is an error naming the path; nothing runs.
import { helper } from "./helpers/missing.mjs";
console.log("never", helper);
