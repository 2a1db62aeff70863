import { MARKS, TOGGLE_IDS } from '../core/marks'
import { addStyleOnce } from './page-style'

/**
 * Styles for the injected controls, the page's Paper Shelf region and card states. Every rule starts from `all: initial` so the
 * page's own CSS (Tailwind's reset restyles every button) cannot reach in, and colours derive from
 * the card's text colour so the controls read well on light and dark pages alike.
 */
const ICONS = TOGGLE_IDS.map((id) => {
  const toggle = `.paper-shelf-controls > .paper-shelf-toggle[data-mark="${id}"]`
  const { off, on } = MARKS[id].icon
  return `${toggle}::before { content: "${off}"; }\n${toggle}[aria-pressed="true"]::before { content: "${on}"; }`
}).join('\n')

export const CONTROL_STYLES = `
.paper-shelf-controls {
  all: initial;
  display: inline-flex;
  flex-wrap: wrap;
  gap: 6px;
  margin: 6px 0;
  color: inherit;
  font: 500 12px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  vertical-align: middle;
}
.paper-shelf-region {
  all: initial;
  box-sizing: border-box;
  position: fixed;
  right: 16px;
  bottom: 16px;
  z-index: 2147483000;
  display: flex;
  flex-direction: column;
  gap: 8px;
  max-width: min(32rem, calc(100vw - 32px));
  padding: 8px 12px;
  border: 1px solid #d1d5db;
  border-left: 4px solid #d97706;
  border-radius: 6px;
  background: #ffffff;
  color: #1f2937;
  box-shadow: 0 4px 16px rgb(0 0 0 / 18%);
  font: 400 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  .paper-shelf-region {
    border-color: #4b5563;
    border-left-color: #d97706;
    background: #1f2937;
    color: #f3f4f6;
  }
}
.paper-shelf-region > .paper-shelf-notice,
.paper-shelf-region > .paper-shelf-triage {
  all: initial;
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 12px;
  color: inherit;
  font: inherit;
}
.paper-shelf-region > .paper-shelf-notice > span {
  all: initial;
  flex: 1 1 20em;
  color: inherit;
  font: inherit;
}
.paper-shelf-region > .paper-shelf-triage > span {
  all: initial;
  color: inherit;
  font: inherit;
}
.paper-shelf-region > .paper-shelf-triage > button[aria-pressed="true"] {
  border-color: #2563eb;
  background: color-mix(in srgb, #2563eb 25%, transparent);
}
.paper-shelf-controls > .paper-shelf-toggle,
.paper-shelf-region button {
  all: initial;
  box-sizing: border-box;
  display: inline-flex;
  align-items: center;
  gap: 4px;
  min-height: 24px;
  padding: 3px 10px;
  border: 1px solid color-mix(in srgb, currentColor 35%, transparent);
  border-radius: 999px;
  background: color-mix(in srgb, currentColor 6%, transparent);
  color: inherit;
  font: inherit;
  cursor: pointer;
  user-select: none;
}
.paper-shelf-controls > .paper-shelf-toggle:hover,
.paper-shelf-region button:hover {
  border-color: color-mix(in srgb, currentColor 60%, transparent);
}
.paper-shelf-controls > .paper-shelf-toggle:focus-visible,
.paper-shelf-region button:focus-visible {
  outline: 2px solid #2563eb;
  outline-offset: 2px;
}
.paper-shelf-controls > .paper-shelf-toggle::before {
  font-size: 13px;
  line-height: 1;
}
.paper-shelf-controls > .paper-shelf-toggle[data-mark="starred"][aria-pressed="true"] {
  border-color: #b45309;
  background: #fbbf24;
  color: #1c1917;
}
.paper-shelf-controls > .paper-shelf-toggle[data-mark="read"][aria-pressed="true"] {
  border-color: #15803d;
  background: #16a34a;
  color: #ffffff;
}
.paper-shelf-controls > .paper-shelf-toggle[data-paper-shelf-error] {
  border-color: #dc2626;
  box-shadow: 0 0 0 2px color-mix(in srgb, #dc2626 35%, transparent);
}
[data-paper-shelf~="starred"] {
  outline: 2px solid #f59e0b !important;
  outline-offset: 2px;
}
[data-paper-shelf~="read"]:not([data-paper-shelf-layout="detail"]) {
  opacity: 0.55;
  transition: opacity 120ms ease-in-out;
}
[data-paper-shelf~="read"]:not([data-paper-shelf-layout="detail"]):hover,
[data-paper-shelf~="read"]:not([data-paper-shelf-layout="detail"]):focus-within {
  opacity: 0.9;
}
${ICONS}
@media (prefers-reduced-motion: reduce) {
  [data-paper-shelf] { transition: none !important; }
}
`

const STYLE_ID = 'paper-shelf-styles'

/** Adds the stylesheet once per document. */
export function installControlStyles(doc: Document): void {
  addStyleOnce(doc, STYLE_ID, CONTROL_STYLES)
}
