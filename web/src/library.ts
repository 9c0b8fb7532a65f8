// The case library in groups: the flagship U.S.–Russia portfolio first (in the portfolio's
// order), then the classic conflicts, then the workspace's own cases. Pure (unit-tested).
import type { CaseSummary } from "./api";

export interface LibraryGroup {
  id: string;
  title: string;
  cases: CaseSummary[];
}

/** The built-in groups, as in cases/us-russia/portfolio.yaml and cases/classic/. */
export const FLAGSHIP = [
  "strategic-arms",
  "incidents",
  "investment",
  "nonproliferation",
  "space-station",
  "test-moratorium",
];
const CLASSIC = ["chicken", "prisoners-dilemma", "cuban-missile-crisis", "elmira", "syria-iraq"];

export function groupLibrary(cases: readonly CaseSummary[]): LibraryGroup[] {
  const pick = (ids: readonly string[]) => ids.map((id) => cases.find((c) => c.id === id)).filter((c): c is CaseSummary => c !== undefined);
  const known = new Set([...FLAGSHIP, ...CLASSIC]);
  const groups: LibraryGroup[] = [
    { id: "flagship", title: "U.S.–Russia portfolio, 2026", cases: pick(FLAGSHIP) },
    { id: "classic", title: "Classic conflicts", cases: pick(CLASSIC) },
    { id: "workspace", title: "Your cases", cases: cases.filter((c) => !known.has(c.id)) },
  ];
  return groups.filter((g) => g.cases.length > 0);
}

/** The case to open: the one asked for in the address, else the flagship's first, else the first. */
export function firstCase(cases: readonly CaseSummary[], wanted: string | null): CaseSummary | undefined {
  return cases.find((c) => c.id === wanted) ?? groupLibrary(cases)[0]?.cases[0];
}
