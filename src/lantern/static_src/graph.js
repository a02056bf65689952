// The network graph page: draws the graph the server sent (in the page's JSON data block) with
// Cytoscape, expands a node when it is selected, re-asks the server when the filters change, and
// fills the export form with what is shown. The tables under the graph are the same graph for
// keyboards, screen readers and browsers without JavaScript: this script keeps them in step.
import cytoscape from "../cytoscape/cytoscape.esm.min.js";

const KIND_ORDER = ["person", "investigation", "group", "phone", "address", "vehicle", "document", "email"];
const COLOURS = {
  person: "#1d70b8", investigation: "#00703c", group: "#d4351c", phone: "#4c2c92",
  address: "#f47738", vehicle: "#505a5f", document: "#912b88", email: "#28a197",
};
const SHAPES = { person: "ellipse", investigation: "round-rectangle", group: "hexagon" };

const container = document.getElementById("graph");
if (container) {
  start(container);
}

function start(container) {
  const initial = JSON.parse(document.getElementById("graph-data").textContent);
  const filtersForm = document.getElementById("graph-filters");
  const exportForm = document.getElementById("graph-export");
  const csrfToken = exportForm.querySelector("input[name=csrfmiddlewaretoken]").value;
  const message = document.getElementById("graph-message");
  const status = document.getElementById("graph-status");
  const startId = exportForm.querySelector("input[name=start]").value;
  let expanded = new Set(initial.expanded);
  let filters = readFilters();

  container.hidden = false;
  container.style.height = "32rem";
  container.style.border = "1px solid #b1b4b6";
  container.style.marginBottom = "30px";
  const cy = cytoscape({
    container,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 11, "font-family": "arial, sans-serif",
        "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": 140,
        "background-color": (n) => COLOURS[n.data("kind")] || "#0b0c0c",
        "shape": (n) => SHAPES[n.data("kind")] || "diamond", "width": 26, "height": 26,
      } },
      { selector: "node.expanded", style: { "border-width": 4, "border-color": "#0b0c0c" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#ffdd00" } },
      { selector: "edge", style: {
        "label": "data(kind)", "font-size": 9, "font-family": "arial, sans-serif", "color": "#505a5f",
        "curve-style": "bezier", "width": 2, "line-color": "#b1b4b6",
        "target-arrow-shape": "triangle", "target-arrow-color": "#b1b4b6",
        "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8,
      } },
    ],
  });

  merge(initial);
  redraw(initial);

  cy.on("tap", "node", (event) => expand(event.target.id()));
  filtersForm.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  exportForm.addEventListener("submit", (event) => {
    exportForm.querySelector("input[name=nodes]").value = JSON.stringify(cy.nodes().map((n) => n.id()));
    for (const name of ["force", "date_from", "date_to"]) {
      exportForm.querySelector(`input[name=${name}]`).value = filters[name] || "";
    }
    if (!exportForm.querySelector("[name=reason]").value.trim()) {
      event.preventDefault();
      say("Say why you are exporting the graph.");
      exportForm.querySelector("[name=reason]").focus();
    }
  });

  function readFilters() {
    const data = new FormData(filtersForm);
    return { force: data.get("force") || "", date_from: data.get("date_from") || "",
      date_to: data.get("date_to") || "" };
  }

  async function ask(body) {
    const response = await fetch(container.dataset.expandUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
      body: JSON.stringify({ ...body, ...filters }),
    });
    if (!response.ok) {
      let detail = "That record is not one you may see, or no longer exists.";
      if (response.status === 400) {
        detail = (await response.json()).detail;
      } else if (response.status !== 404) {
        detail = "The graph could not be updated: try again.";
      }
      throw new Error(detail);
    }
    return response.json();
  }

  async function expand(id) {
    try {
      const graph = await ask({ nodes: [id], shown: cy.nodes().map((n) => n.id()) });
      graph.expanded.forEach((e) => expanded.add(e));
      merge(graph);
      redraw(graph);
    } catch (problem) {
      say(problem.message);
    }
  }

  async function refresh() {
    filters = readFilters();
    try {
      const graph = await ask({ nodes: [...expanded], shown: [] });
      cy.elements().remove();
      expanded = new Set(graph.expanded);
      merge(graph);
      redraw(graph);
      const query = new URLSearchParams({ start: startId });
      for (const [name, value] of Object.entries(filters)) {
        if (value) query.set(name, value);
      }
      history.replaceState(null, "", `?${query}`);
    } catch (problem) {
      say(problem.message);
    }
  }

  function merge(graph) {
    const fresh = graph.nodes.filter((n) => cy.getElementById(n.id).empty());
    cy.add(fresh.map((n) => ({ group: "nodes", data: n })));
    const edges = graph.edges.filter((e) => cy.getElementById(e.id).empty()
      && !cy.getElementById(e.source).empty() && !cy.getElementById(e.target).empty());
    cy.add(edges.map((e) => ({ group: "edges", data: e })));
    cy.nodes().forEach((n) => n.toggleClass("expanded", expanded.has(n.id())));
  }

  function redraw(graph) {
    cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true }).run();
    cy.fit(undefined, 30);
    say(graph.message);
    const nodes = cy.nodes().length;
    const edges = cy.edges().length;
    container.dataset.nodeCount = String(nodes);
    status.textContent = `Showing ${nodes} record${nodes === 1 ? "" : "s"} and ${edges} connection${edges === 1 ? "" : "s"}.`;
    drawTables();
  }

  function say(text) {
    message.textContent = text || "";
    message.hidden = !text;
  }

  function cell(row, content) {
    const td = row.insertCell();
    td.className = "govuk-table__cell";
    if (content instanceof Node) td.append(content); else td.textContent = content || "";
    return td;
  }

  function when(iso) {
    if (!iso) return "";
    return new Date(`${iso}T12:00:00`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  }

  function drawTables() {
    const nodes = cy.nodes().map((n) => n.data()).sort((a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.label.localeCompare(b.label));
    const nodeBody = document.querySelector("#graph-nodes tbody");
    nodeBody.replaceChildren();
    for (const node of nodes) {
      const row = nodeBody.insertRow();
      row.className = "govuk-table__row";
      row.dataset.node = node.id;
      let name = node.label;
      if (node.url) {
        name = document.createElement("a");
        name.className = "govuk-link";
        name.href = node.url;
        name.textContent = node.label;
      }
      cell(row, name);
      cell(row, node.kind_label);
      cell(row, node.force);
      cell(row, when(node.recorded));
      if (expanded.has(node.id)) {
        cell(row, "Expanded");
      } else {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
        button.textContent = "Expand";
        const hidden = document.createElement("span");
        hidden.className = "govuk-visually-hidden";
        hidden.textContent = ` ${node.label}`;
        button.append(hidden);
        button.addEventListener("click", () => expand(node.id));
        cell(row, button);
      }
    }
    const labels = Object.fromEntries(nodes.map((n) => [n.id, n.label]));
    const edgeBody = document.querySelector("#graph-edges tbody");
    edgeBody.replaceChildren();
    const edges = cy.edges().map((e) => e.data());
    for (const edge of edges) {
      const row = edgeBody.insertRow();
      row.className = "govuk-table__row";
      cell(row, labels[edge.source]);
      cell(row, edge.kind === "member of" && edge.detail ? `${edge.kind} (${edge.detail.toLowerCase()})` : edge.kind);
      cell(row, labels[edge.target]);
      cell(row, when(edge.date));
    }
    if (!edges.length) {
      const row = edgeBody.insertRow();
      row.className = "govuk-table__row";
      cell(row, "No connections you may see.").colSpan = 4;
    }
  }
}
