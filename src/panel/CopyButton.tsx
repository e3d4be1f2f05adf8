import { useState } from 'react';

/** Copies text to the clipboard, and says whether it could. */
export function CopyButton({ label, text }: { readonly label: string; readonly text: () => string }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = (): void => {
    navigator.clipboard.writeText(text()).then(
      () => setSaid('Copied.'),
      () => setSaid('Copying is not allowed here: select the text and copy it.'),
    );
  };
  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>
      {said && <span role="status"> {said}</span>}
    </>
  );
}
