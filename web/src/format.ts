// Pure formatting helpers shared by the views. No DOM access here: everything is unit-tested.

const MINUS = "\u2212";

/** A number for display: fixed significant precision, a true minus sign, no "-0". */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : `${MINUS}∞`;
  if (value === 0 || Object.is(value, -0)) return "0";
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1e6 || magnitude < 1e-3) {
    text = magnitude.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
  } else {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
    text = magnitude.toFixed(Math.min(decimals, 6));
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  }
  if (text === "0") return "0";
  return value < 0 ? `${MINUS}${text}` : text;
}

/** Milliseconds for the status line: "0.8 ms", "12 ms", "1.25 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Indices of the options whose Y/N letter differs between two patterns of equal length. */
export function changedOptions(from: string, to: string): number[] {
  if (from.length !== to.length) throw new Error(`patterns of different lengths: ${from} ${to}`);
  const changed: number[] = [];
  for (let i = 0; i < from.length; i++) if (from[i] !== to[i]) changed.push(i);
  return changed;
}

/**
 * Who moved from one state to the next: the owners of the options that changed (a unilateral
 * move has one). `owners[i]` is the actor owning option i, in file order.
 */
export function moverOf(from: string, to: string, owners: readonly string[]): string[] {
  const movers: string[] = [];
  for (const i of changedOptions(from, to)) {
    const owner = owners[i] ?? "?";
    if (!movers.includes(owner)) movers.push(owner);
  }
  return movers;
}

/** "Y" chosen / "N" not chosen / "-" either, as words for screen readers. */
export function describePattern(pattern: string, optionIds: readonly string[]): string {
  const chosen = optionIds.filter((_, i) => pattern[i] === "Y");
  return chosen.length === 0 ? "no option taken" : `taken: ${chosen.join(", ")}`;
}

/** A short label for an error location, as mend validate prints it. */
export function formatLocation(error: {
  file?: string;
  line?: number;
  column?: number;
}): string {
  const parts: string[] = [];
  if (error.file) parts.push(error.file);
  if (error.line !== undefined) parts.push(String(error.line));
  if (error.line !== undefined && error.column !== undefined) parts.push(String(error.column));
  return parts.join(":");
}

/** Median and a nearest-rank percentile of a list of samples (used for latency figures). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}
