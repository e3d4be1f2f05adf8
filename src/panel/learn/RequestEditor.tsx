import type { Header } from '../../core/fetch/headers.ts';
import type { BodyKind, SimulatedMode, SimulatedRequest } from '../../core/simulator/simulation.ts';
import { HeaderRowsEditor } from './HeaderRowsEditor.tsx';

interface Props {
  readonly request: SimulatedRequest;
  onChange(request: SimulatedRequest): void;
}

const BODIES: Readonly<Record<BodyKind, string>> = {
  none: 'none',
  text: 'a string',
  'url-search-params': 'URLSearchParams',
  'form-data': 'FormData',
  'json-blob': 'a Blob of type application/json',
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The request as the page's fetch() call makes it. */
export function RequestEditor({ request, onChange }: Props) {
  const set = (patch: Partial<SimulatedRequest>): void => onChange({ ...request, ...patch });
  return (
    <fieldset className="request-editor">
      <legend>The request (fetch)</legend>
      <label>
        Page origin
        <input value={request.pageOrigin} spellCheck={false} onChange={(event) => set({ pageOrigin: event.target.value })} />
      </label>
      <label>
        URL
        <input value={request.url} spellCheck={false} onChange={(event) => set({ url: event.target.value })} />
      </label>
      <label>
        Method
        <input value={request.method} list="simulator-methods" spellCheck={false} onChange={(event) => set({ method: event.target.value })} />
        <datalist id="simulator-methods">
          {METHODS.map((method) => (
            <option key={method} value={method} />
          ))}
        </datalist>
      </label>
      <HeaderRowsEditor label="Request headers" headers={request.headers} onChange={(headers: Header[]) => set({ headers })} />
      <label>
        Body
        <select value={request.body} onChange={(event) => set({ body: event.target.value as BodyKind })}>
          {Object.entries(BODIES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        mode
        <select value={request.mode} onChange={(event) => set({ mode: event.target.value as SimulatedMode })}>
          {['cors', 'no-cors', 'same-origin'].map((mode) => (
            <option key={mode}>{mode}</option>
          ))}
        </select>
      </label>
      <label>
        credentials
        <select value={request.credentials} onChange={(event) => set({ credentials: event.target.value as SimulatedRequest['credentials'] })}>
          {['omit', 'same-origin', 'include'].map((mode) => (
            <option key={mode}>{mode}</option>
          ))}
        </select>
      </label>
      <label>
        redirect
        <select value={request.redirect} onChange={(event) => set({ redirect: event.target.value as SimulatedRequest['redirect'] })}>
          {['follow', 'error', 'manual'].map((mode) => (
            <option key={mode}>{mode}</option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
