declare module "cytoscape-dagre" {
  const extension: cytoscape.Ext;
  export default extension;
}
