// Builds Lantern's front-end assets into src/lantern/static/ from the npm packages:
// the stylesheet compiled from GOV.UK Frontend's Sass, GOV.UK Frontend's script and images, htmx,
// Cytoscape for the network graph.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "lantern", "static");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "lantern"), { recursive: true });
mkdirSync(join(out, "govuk"), { recursive: true });

const css = sass.compile(join(root, "src", "lantern", "static_src", "lantern.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(join(out, "lantern", "lantern.css"), css.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk", "govuk-frontend.min.js"));
cpSync(join(govuk, "assets", "images"), join(out, "govuk", "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "govuk", "assets", "manifest.json"));
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(out, "htmx", "htmx.min.js"), { recursive: true });
cpSync(join(root, "src", "lantern", "static_src", "init.js"), join(out, "lantern", "init.js"));
cpSync(join(root, "src", "lantern", "static_src", "start.js"), join(out, "lantern", "start.js"));
// The network graph: Cytoscape's ES module build (MIT), served from our own static files.
cpSync(join(root, "node_modules", "cytoscape", "dist", "cytoscape.esm.min.mjs"), join(out, "cytoscape", "cytoscape.esm.min.js"), { recursive: true });
cpSync(join(root, "src", "lantern", "static_src", "graph.js"), join(out, "lantern", "graph.js"));
console.log(`front-end assets built in ${out}`);
