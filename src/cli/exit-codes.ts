/** Exit statuses fixed by docs/interfaces.md, "Command line". */
export const EXIT_OK = 0;
/** Some input line was not understood (each got an error line); the rest were processed. */
export const EXIT_SOME_LINES_BAD = 1;
/** The command could not run at all: unreadable or invalid campaign file, bad flags. */
export const EXIT_CANNOT_RUN = 2;
