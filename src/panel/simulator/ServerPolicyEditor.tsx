import type { AllowOriginPolicy, ServerPolicy } from '../../core/simulator/simulation.ts';
import { Choice } from '../Choice.tsx';

interface Props {
  readonly policy: ServerPolicy;
  readonly onChange: (policy: ServerPolicy) => void;
}

const ORIGIN_KINDS: Readonly<Record<AllowOriginPolicy['kind'], string>> = {
  list: 'origins in a list (echoed when listed)',
  any: '* (any origin)',
  echo: 'echo any Origin',
  null: 'null',
  exact: 'exactly this value',
  none: 'no Access-Control-Allow-Origin',
};

function originPolicy(kind: AllowOriginPolicy['kind'], current: AllowOriginPolicy): AllowOriginPolicy {
  if (kind === 'list') return { kind, origins: current.kind === 'list' ? current.origins : [] };
  if (kind === 'exact') return { kind, value: current.kind === 'exact' ? current.value : '' };
  return { kind };
}

/** The server's CORS policy: the simulator writes its answers from it. */
export function ServerPolicyEditor({ policy, onChange }: Props) {
  const set = (patch: Partial<ServerPolicy>): void => onChange({ ...policy, ...patch });
  const allow = policy.allowOrigin;
  return (
    <fieldset className="server-editor">
      <legend>The server (its CORS policy)</legend>
      <label>
        Allowed origins
        <Choice value={allow.kind} choices={ORIGIN_KINDS} onChange={(kind) => set({ allowOrigin: originPolicy(kind, allow) })} />
      </label>
      {allow.kind === 'list' && (
        <label>
          Origins (comma-separated)
          <input
            value={allow.origins.join(', ')}
            spellCheck={false}
            onChange={(event) =>
              set({
                allowOrigin: {
                  kind: 'list',
                  origins: event.target.value
                    .split(',')
                    .map((origin) => origin.trim())
                    .filter(Boolean),
                },
              })
            }
          />
        </label>
      )}
      {allow.kind === 'exact' && (
        <label>
          Access-Control-Allow-Origin value
          <input value={allow.value} spellCheck={false} onChange={(event) => set({ allowOrigin: { kind: 'exact', value: event.target.value } })} />
        </label>
      )}
      <label>
        Access-Control-Allow-Methods
        <input value={policy.allowMethods} spellCheck={false} placeholder="(not sent)" onChange={(event) => set({ allowMethods: event.target.value })} />
      </label>
      <label>
        Access-Control-Allow-Headers
        <input value={policy.allowHeaders} spellCheck={false} placeholder="(not sent)" onChange={(event) => set({ allowHeaders: event.target.value })} />
      </label>
      <label>
        Access-Control-Expose-Headers
        <input value={policy.exposeHeaders} spellCheck={false} placeholder="(not sent)" onChange={(event) => set({ exposeHeaders: event.target.value })} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={policy.allowCredentials} onChange={(event) => set({ allowCredentials: event.target.checked })} />
        Access-Control-Allow-Credentials: true
      </label>
      <label>
        Access-Control-Max-Age
        <input value={policy.maxAge} spellCheck={false} placeholder="(not sent)" onChange={(event) => set({ maxAge: event.target.value })} />
      </label>
      <label>
        Preflight status
        <StatusInput value={policy.preflightStatus} onChange={(preflightStatus) => set({ preflightStatus })} />
      </label>
      <label>
        Response status
        <StatusInput value={policy.responseStatus} onChange={(responseStatus) => set({ responseStatus })} />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={policy.redirect !== null}
          onChange={(event) => set({ redirect: event.target.checked ? { status: 302, location: '' } : null })}
        />
        Redirect the request first
      </label>
      {policy.redirect && (
        <>
          <label>
            Redirect status
            <StatusInput value={policy.redirect.status} onChange={(status) => set({ redirect: { ...(policy.redirect ?? { location: '' }), status } })} />
          </label>
          <label>
            Location
            <input
              value={policy.redirect.location}
              spellCheck={false}
              onChange={(event) => set({ redirect: { ...(policy.redirect ?? { status: 302 }), location: event.target.value } })}
            />
          </label>
        </>
      )}
    </fieldset>
  );
}

/** An HTTP status: three digits, kept within 100-999 (the link format refuses others). */
export function StatusInput({ value, onChange, label }: { readonly value: number; readonly onChange: (value: number) => void; readonly label?: string }) {
  return (
    <input
      type="number"
      min={100}
      max={999}
      value={value}
      aria-label={label}
      onChange={(event) => {
        const status = Number(event.target.value);
        if (Number.isInteger(status) && status >= 100 && status <= 999) onChange(status);
      }}
    />
  );
}
