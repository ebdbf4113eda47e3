/** A span given on the command line: `90s`, `10m`, `2h`, `1d` (the campaign file's syntax). */
export { parseDuration } from "../domain/time/duration.js";
