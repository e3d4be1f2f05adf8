import type { Header } from '../../core/fetch/headers.ts';
import type { BodyKind, SimulatedMode, SimulatedRequest } from '../../core/simulator/simulation.ts';
import { Choice } from '../Choice.tsx';
import { HeaderRowsEditor } from './HeaderRowsEditor.tsx';

interface Props {
  readonly request: SimulatedRequest;
  readonly onChange: (request: SimulatedRequest) => void;
}

const BODIES: Readonly<Record<BodyKind, string>> = {
  none: 'none',
  text: 'a string',
  'url-search-params': 'URLSearchParams',
  'form-data': 'FormData',
  'json-blob': 'a Blob of type application/json',
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const MODES: readonly SimulatedMode[] = ['cors', 'no-cors', 'same-origin'];
const CREDENTIALS: readonly SimulatedRequest['credentials'][] = ['omit', 'same-origin', 'include'];
const REDIRECTS: readonly SimulatedRequest['redirect'][] = ['follow', 'error', 'manual'];

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
        <Choice value={request.body} choices={BODIES} onChange={(body) => set({ body })} />
      </label>
      <label>
        mode
        <Choice value={request.mode} choices={MODES} onChange={(mode) => set({ mode })} />
      </label>
      <label>
        credentials
        <Choice value={request.credentials} choices={CREDENTIALS} onChange={(credentials) => set({ credentials })} />
      </label>
      <label>
        redirect
        <Choice value={request.redirect} choices={REDIRECTS} onChange={(redirect) => set({ redirect })} />
      </label>
    </fieldset>
  );
}
