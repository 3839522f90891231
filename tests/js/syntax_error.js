// A syntax error is reported with file:line:col and exits with 1.
let ok = 1;
let bad = ;
