import { useEffect, useState } from 'react';

/** What the banner needs of the browser (src/platform/hostAccess.ts in the panel). */
export interface HostAccess {
  has(): Promise<boolean>;
  request(): Promise<boolean>;
  onChanged(listener: () => void): () => void;
}

/**
 * Says so when the user has withdrawn CORS Lens's access to sites (Firefox
 * lets them; the browser then reports no request of those sites to the
 * extension, and the panel would stay empty without saying why), and asks
 * for it again. Nothing while access is granted.
 */
export function HostAccessBanner({ access }: { access: HostAccess }) {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const check = (): void =>
      void access.has().then(
        (has) => live && setGranted(has),
        () => live && setGranted(null),
      );
    check();
    const stop = access.onChanged(check);
    return () => {
      live = false;
      stop();
    };
  }, [access]);
  if (granted !== false) return null;
  return (
    <p role="alert" className="banner problem host-access">
      CORS Lens may not see this site's requests: its access to websites was turned off in the browser's add-on settings, and the browser shows it no request to
      them.{' '}
      <button type="button" onClick={() => void access.request().then(setGranted, () => setGranted(false))}>
        Allow access to all sites
      </button>
    </p>
  );
}
