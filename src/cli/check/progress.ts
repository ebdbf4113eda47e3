/**
 * A progress line on stderr, only when a person is watching (stderr is a terminal): pipelines
 * and tests see nothing but JSONL on stdout and silence on stderr.
 */
export interface Progress {
  update(lines: number): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function startProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  const started = performance.now();
  let lines = 0;
  let shown = false;
  const show = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(lines / seconds) : 0;
    stream.write(
      `\r\x1b[2Kgala check: ${lines.toLocaleString("en")} lines, ${rate.toLocaleString("en")}/s`,
    );
    shown = true;
  };
  const timer = setInterval(show, 500);
  timer.unref();
  return {
    update(n) {
      lines = n;
    },
    done() {
      clearInterval(timer);
      if (shown) {
        show();
        stream.write("\n");
      }
    },
  };
}
