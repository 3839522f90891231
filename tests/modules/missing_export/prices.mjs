console.log("never either");
export const total = 10;
