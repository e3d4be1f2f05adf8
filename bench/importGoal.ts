/** Issue 6: a 100 MB HAR imports within this many times what JSON.parse of it takes. */
export const IMPORT_GOAL_RATIO = 1.5;
