// A progress bar on stderr: redrawn in place on a terminal, a line per stage and quarter otherwise
// (logs and CI stay readable). stdout is left for results.

interface Output {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

const WIDTH = 30;

export class ProgressBar {
  private lastLine = "";
  private lastStage = "";
  private lastQuarter = -1;
  private lastDraw = 0;

  constructor(private readonly out: Output) {}

  update(stage: string, processed: number, total: number): void {
    const fraction = total > 0 ? Math.min(1, processed / total) : 0;
    const counts = total > 0 ? ` ${processed.toLocaleString("en")}/${total.toLocaleString("en")}` : "";
    if (this.out.isTTY) {
      const now = Date.now();
      if (stage === this.lastStage && now - this.lastDraw < 80 && processed < total) return;
      this.lastDraw = now;
      const filled = Math.round(fraction * WIDTH);
      const line = `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${stage}${counts}`;
      this.out.write(`\r${line.padEnd(this.lastLine.length)}`);
      this.lastLine = line;
      this.lastStage = stage;
      return;
    }
    const quarter = Math.floor(fraction * 4);
    if (stage === this.lastStage && quarter <= this.lastQuarter) return;
    this.out.write(`${stage}${counts}\n`);
    this.lastStage = stage;
    this.lastQuarter = quarter;
  }

  /** Removes the bar so that the next line starts clean. */
  clear(): void {
    if (this.out.isTTY && this.lastLine !== "") this.out.write(`\r${" ".repeat(this.lastLine.length)}\r`);
    this.lastLine = "";
  }
}
