import { describe, expect, it } from 'vitest';
import { addressSpaceOfUrl, checkLocalNetworkAccess, type IpAddressSpace, type LocalNetworkContext } from './localNetworkAccess.ts';

// References: the Local Network Access draft (https://wicg.github.io/local-network-access/);
// the CorsError names InsecureLocalNetwork, InvalidLocalNetworkAccess and
// LocalNetworkAccessPermissionDenied of the DevTools protocol
// (https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-CorsError);
// what Chromium 156 does, seen in the lna-* scenarios of e2e/lab/scenarios/seeds.ts;
// and the doc comments of localNetworkAccess.ts.

describe('addressSpaceOfUrl', () => {
  const cases: [string, IpAddressSpace][] = [
    ['http://localhost:8080/', 'loopback'],
    ['http://LOCALHOST/', 'loopback'],
    ['http://127.0.0.1/', 'loopback'],
    ['https://127.9.8.7:4443/x', 'loopback'],
    ['http://[::1]:3000/', 'loopback'],
    ['http://10.0.0.1/', 'local'],
    ['http://10.255.255.254/', 'local'],
    ['http://172.16.0.1/', 'local'],
    ['http://172.31.255.255/', 'local'],
    ['http://192.168.1.20/', 'local'],
    ['http://172.15.255.255/', 'public'],
    ['http://172.32.0.1/', 'public'],
    ['http://192.169.0.1/', 'public'],
    ['http://11.0.0.1/', 'public'],
    ['https://8.8.8.8/', 'public'],
    ['https://[2001:4860:4860::8888]/', 'public'],
    ['https://example.com/', 'unknown'],
    ['https://api.internal/', 'unknown'],
  ];
  for (const [url, space] of cases) {
    it(`${url} is ${space}`, () => {
      expect(addressSpaceOfUrl(url)).toBe(space);
    });
  }
});

function context(overrides: Partial<LocalNetworkContext>): LocalNetworkContext {
  return { initiatorAddressSpace: 'public', initiatorIsSecureContext: true, ...overrides };
}

describe('checkLocalNetworkAccess: blocking', () => {
  it('a secure public page reaching loopback or local needs the permission: LocalNetworkAccessPermissionDenied', () => {
    for (const target of ['loopback', 'local'] as const) {
      expect(checkLocalNetworkAccess(context({}), target), target).toMatchObject({ corsError: 'LocalNetworkAccessPermissionDenied', failedParameter: '' });
      expect(checkLocalNetworkAccess(context({ permissionGranted: false }), target)?.corsError, target).toBe('LocalNetworkAccessPermissionDenied');
    }
  });

  it('a granted permission lets a secure public page reach loopback', () => {
    expect(checkLocalNetworkAccess(context({ permissionGranted: true }), 'loopback')).toBeNull();
    expect(checkLocalNetworkAccess(context({ permissionGranted: true }), 'local')).toBeNull();
  });

  it('a local page reaching loopback is a move to a more private space too', () => {
    expect(checkLocalNetworkAccess(context({ initiatorAddressSpace: 'local' }), 'loopback')?.corsError).toBe('LocalNetworkAccessPermissionDenied');
  });

  it('a non-secure public page reaching a more private space: InsecureLocalNetwork', () => {
    for (const target of ['loopback', 'local'] as const) {
      expect(checkLocalNetworkAccess(context({ initiatorIsSecureContext: false }), target), target).toMatchObject({
        corsError: 'InsecureLocalNetwork',
        failedParameter: '',
      });
    }
  });

  it("a declared targetAddressSpace that differs from the server's: InvalidLocalNetworkAccess (lab: lna-target-address-space-mismatch)", () => {
    // fetch(url, {targetAddressSpace: 'local'}) to a loopback server, from a loopback page.
    expect(checkLocalNetworkAccess(context({ initiatorAddressSpace: 'loopback', declaredTargetAddressSpace: 'local' }), 'loopback')).toMatchObject({
      corsError: 'InvalidLocalNetworkAccess',
      failedParameter: '',
    });
    expect(checkLocalNetworkAccess(context({ declaredTargetAddressSpace: 'local' }), 'public')?.corsError).toBe('InvalidLocalNetworkAccess');
    expect(checkLocalNetworkAccess(context({ declaredTargetAddressSpace: 'loopback', permissionGranted: true }), 'local')?.corsError).toBe(
      'InvalidLocalNetworkAccess',
    );
  });

  it('a declared targetAddressSpace that matches moves on to the permission check', () => {
    expect(checkLocalNetworkAccess(context({ declaredTargetAddressSpace: 'loopback', permissionGranted: true }), 'loopback')).toBeNull();
    expect(checkLocalNetworkAccess(context({ declaredTargetAddressSpace: 'loopback' }), 'loopback')?.corsError).toBe('LocalNetworkAccessPermissionDenied');
  });
});

describe('checkLocalNetworkAccess: passing', () => {
  it('the same address space passes', () => {
    for (const space of ['loopback', 'local', 'public'] as const) {
      expect(checkLocalNetworkAccess(context({ initiatorAddressSpace: space }), space), space).toBeNull();
      expect(checkLocalNetworkAccess(context({ initiatorAddressSpace: space, initiatorIsSecureContext: false }), space), space).toBeNull();
    }
  });

  it('a less private target passes, secure or not', () => {
    const pairs: [IpAddressSpace, IpAddressSpace][] = [
      ['loopback', 'local'],
      ['loopback', 'public'],
      ['local', 'public'],
    ];
    for (const [initiator, target] of pairs) {
      expect(checkLocalNetworkAccess(context({ initiatorAddressSpace: initiator }), target), `${initiator}->${target}`).toBeNull();
      expect(
        checkLocalNetworkAccess(context({ initiatorAddressSpace: initiator, initiatorIsSecureContext: false }), target),
        `${initiator}->${target}`,
      ).toBeNull();
    }
  });

  it('"Allow" and "…Warn…" policies never block', () => {
    for (const policy of ['Allow', 'PermissionWarn', 'WarnFromInsecureToMorePrivate']) {
      expect(checkLocalNetworkAccess(context({ policy }), 'loopback'), policy).toBeNull();
      expect(checkLocalNetworkAccess(context({ policy, initiatorIsSecureContext: false }), 'local'), policy).toBeNull();
    }
  });

  it('a blocking policy name does not stop the check', () => {
    expect(checkLocalNetworkAccess(context({ policy: 'PermissionBlock' }), 'loopback')?.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(checkLocalNetworkAccess(context({ policy: 'PermissionBlock', initiatorIsSecureContext: false }), 'loopback')?.corsError).toBe(
      'InsecureLocalNetwork',
    );
  });
});
