// The words of the views the workbench and `mend report` share (tableau, ledger): English in
// the workbench, the report's language in its annex (`mend report --lang ru`).
export interface ViewWords {
  feasibleStates: (n: number) => string;
  shownColumns: (n: number) => string;
  state: string;
  owner: string;
  statusQuo: string;
  default: string;
  alternative: string;
  options: string;
  utility: string;
  stability: (concept: string) => string;
  equilibrium: string;
  tableauLegend: [string, string, string];
  ledgerHeading: (def: string, alt: string) => string;
  ledgerAxis: string;
  weighted: string;
  noAlternative: string;
  utilityHeading: string;
  utilityAxis: string;
  spreadHeading: (n: number) => string;
  statesAxis: string;
  ledgerCaption: string;
  ledgerColumns: [string, string, string, string, string];
  total: string;
  unnecessary: string;
  at: string;
}

export const VIEW_WORDS: { en: ViewWords; ru: ViewWords } = {
  en: {
    feasibleStates: (n) => `${n} feasible states`,
    shownColumns: (n) => `${n} shown (equilibria, the status quo and the path to the default)`,
    state: "State",
    owner: "Owner",
    statusQuo: "status quo",
    default: "default",
    alternative: "alternative",
    options: "Options",
    utility: "Utility",
    stability: (concept) => `${concept} stability`,
    equilibrium: "equilibrium",
    tableauLegend: [
      "Columns are states (Y = the option is taken, N = not). ",
      " status quo ",
      " default (where the moves lead). In a stability row, s = stable for that decider; E = an equilibrium under that concept (stable for every decider). Utility rows: each actor's utility of the state.",
    ],
    ledgerHeading: (def, alt) => `Loss ledger: default ${def} against alternative ${alt}`,
    ledgerAxis: "loss by staying in the default (weighted, utility units) →",
    weighted: "weighted",
    noAlternative: "No alternative Pareto-improves the default, so there is no ledger for this case.",
    utilityHeading: "Utility per actor: status quo and default",
    utilityAxis: "utility →",
    spreadHeading: (n) => `Utility over the ${n} feasible states`,
    statesAxis: "states",
    ledgerCaption: "What each actor loses by staying in the default, against the alternative",
    ledgerColumns: ["Actor", "Dimension", "Natural", "Unit", "Weighted"],
    total: "total (utility)",
    unnecessary: "unnecessary",
    at: "at",
  },
  ru: {
    feasibleStates: (n) => `Допустимых состояний: ${n}`,
    shownColumns: (n) => `показано ${n} (равновесия, статус-кво и путь к исходу по умолчанию)`,
    state: "Состояние",
    owner: "Сторона",
    statusQuo: "статус-кво",
    default: "исход по умолчанию",
    alternative: "лучший исход",
    options: "Варианты действий",
    utility: "Полезность",
    stability: (concept) => `Устойчивость ${concept}`,
    equilibrium: "равновесие",
    tableauLegend: [
      "Столбцы — состояния (Y — вариант выбран, N — нет). ",
      " статус-кво ",
      " исход по умолчанию (куда ведут ходы). В строке устойчивости s — состояние устойчиво для этой стороны; E — равновесие по этому понятию (устойчиво для каждой стороны). Строки полезности: полезность состояния для каждой стороны.",
    ],
    ledgerHeading: (def, alt) => `Баланс потерь: исход по умолчанию ${def} против лучшего исхода ${alt}`,
    ledgerAxis: "потери от исхода по умолчанию (взвешенные, единицы полезности) →",
    weighted: "взвешенно",
    noAlternative: "Ни один исход не лучше исхода по умолчанию для всех сторон, поэтому баланса потерь для этого вопроса нет.",
    utilityHeading: "Полезность для каждой стороны: статус-кво и исход по умолчанию",
    utilityAxis: "полезность →",
    spreadHeading: (n) => `Полезность по ${n} допустимым состояниям`,
    statesAxis: "состояния",
    ledgerCaption: "Что каждая сторона теряет, оставаясь в исходе по умолчанию, по сравнению с лучшим исходом",
    ledgerColumns: ["Сторона", "Измерение", "В натуральных единицах", "Единица", "Взвешенно"],
    total: "итого (полезность)",
    unnecessary: "без необходимости",
    at: "в состоянии",
  },
};
