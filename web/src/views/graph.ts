// The evolution graph from the status quo to the default, laid out in layers (dagre).
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import type { StabilityResult } from "../api";
import { el } from "../dom";
import { evolution } from "../model";

cytoscape.use(dagre);

let cy: cytoscape.Core | null = null;

const STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: { label: "data(label)", "text-valign": "center", "text-halign": "center", "font-family": "ui-monospace, monospace", "font-size": 13, color: "#111", "background-color": "#f2f2f2", "border-width": 2, "border-color": "#555", shape: "round-rectangle", width: "label", height: 28, padding: "8px" } },
  { selector: "node.equilibrium", style: { "border-width": 4, "border-color": "#1a5e20" } },
  { selector: "node.status-quo", style: { "background-color": "#dbe8ff", "border-color": "#0b3d91" } },
  { selector: "node.default", style: { "background-color": "#ffd9d2", "border-color": "#8f1d0b", "border-width": 4 } },
  { selector: "edge", style: { label: "data(label)", "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#444", "target-arrow-color": "#444", width: 2, "font-size": 12, color: "#111", "text-background-color": "#fff", "text-background-opacity": 1, "text-background-padding": "2px" } },
];

export function renderGraph(container: HTMLElement, steps: HTMLOListElement, stability: StabilityResult, owners: readonly string[]): void {
  const { nodes, edges } = evolution(stability, owners);
  const elements: cytoscape.ElementDefinition[] = [
    ...nodes.map((n) => ({ data: { id: n.id, label: n.label }, classes: n.classes })),
    ...edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label } })),
  ];
  if (!cy) {
    cy = cytoscape({ container, style: STYLE, elements, maxZoom: 1.4, minZoom: 0.2, userZoomingEnabled: true, boxSelectionEnabled: false, autoungrabify: true });
  } else {
    cy.elements().remove();
    cy.add(elements);
  }
  relayout();
  container.dataset.nodes = String(nodes.length);

  const items: HTMLLIElement[] = [el("li", {}, `Status quo ${stability.status_quo}`)];
  for (const e of edges) items.push(el("li", {}, `${e.label.replace(/^\d+\. /, "")} moves to ${e.target}`));
  if (stability.default.cycle) items.push(el("li", {}, "…and the moves cycle: there is no default outcome"));
  else if (stability.default.pattern) items.push(el("li", {}, `Default: ${stability.default.pattern}`));
  steps.replaceChildren(...items);
}

/** Lays the graph out again (after it becomes visible or the window changes size). */
export function relayout(): void {
  if (!cy) return;
  cy.resize();
  cy.layout({ name: "dagre", rankDir: "LR", nodeSep: 30, rankSep: 70, fit: true, padding: 20 } as cytoscape.LayoutOptions).run();
}

/** Removes the drawing (another case was opened). */
export function clearGraph(container: HTMLElement, steps: HTMLOListElement): void {
  cy?.destroy();
  cy = null;
  container.replaceChildren();
  delete container.dataset.nodes;
  steps.replaceChildren();
}
