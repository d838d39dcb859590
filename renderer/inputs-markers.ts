import type { InputsLintProblem, TextFix } from '../core/inputs-lint.ts';
import { monaco } from './monaco-environment.ts';

/** Owner of the lint's markers on a model, so they replace only each other. */
const MARKER_OWNER = 'hatz-inputs-lint';

/** The fixes of each model's current markers, for the quick-fix provider. */
const fixesByModel = new WeakMap<
  monaco.editor.ITextModel,
  { text: string; fixes: Map<string, TextFix> }
>();
let isProviderRegistered = false;

/**
 * Shows lint problems as Monaco markers and makes each fix a quick fix (Ctrl+. or the light
 * bulb). Does nothing when the model no longer contains `lintedText`, because the offsets would be
 * stale; the lint of the newer text follows.
 */
export function showLintMarkers(
  model: monaco.editor.ITextModel,
  problems: readonly InputsLintProblem[],
  lintedText: string,
): void {
  if (model.getValue() !== lintedText) return;
  registerQuickFixProvider();

  const fixes = new Map<string, TextFix>();
  const markers = problems.map((problem) => {
    const range = rangeOf(model, problem.offset, Math.max(problem.length, 1));
    const marker: monaco.editor.IMarkerData = {
      ...range,
      severity:
        problem.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: problem.message,
      source: 'inputs check',
    };
    if (problem.fix) fixes.set(markerKey(marker), problem.fix);
    return marker;
  });
  fixesByModel.set(model, { text: lintedText, fixes });
  monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
}

function registerQuickFixProvider(): void {
  if (isProviderRegistered) return;
  isProviderRegistered = true;
  monaco.languages.registerCodeActionProvider('json', {
    provideCodeActions(model, _range, context) {
      const known = fixesByModel.get(model);
      if (!known || model.getValue() !== known.text) return { actions: [], dispose() {} };

      const actions = context.markers.flatMap((marker) => {
        const fix = known.fixes.get(markerKey(marker));
        if (!fix) return [];
        const action: monaco.languages.CodeAction = {
          title: fix.title,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: {
            edits: [
              {
                resource: model.uri,
                versionId: model.getVersionId(),
                textEdit: { range: rangeOf(model, fix.offset, fix.length), text: fix.text },
              },
            ],
          },
        };
        return [action];
      });
      return { actions, dispose() {} };
    },
  });
}

function rangeOf(model: monaco.editor.ITextModel, offset: number, length: number) {
  const start = model.getPositionAt(offset);
  const end = model.getPositionAt(offset + length);
  return {
    startLineNumber: start.lineNumber,
    startColumn: start.column,
    endLineNumber: end.lineNumber,
    endColumn: end.column,
  };
}

function markerKey(marker: monaco.editor.IMarkerData): string {
  return `${marker.startLineNumber}:${marker.startColumn}:${marker.endLineNumber}:${marker.endColumn}:${marker.message}`;
}
