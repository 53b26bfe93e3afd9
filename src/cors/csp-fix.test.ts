import { describe, expect, it } from 'vitest';
import { policyAllowing } from './csp-fix';

const API = 'http://localhost:7102';

describe('the policy that lets the refused call through', () => {
  it('adds the origin to the directive that refused it, leaving the others as they were', () => {
    expect(
      policyAllowing("connect-src 'self'; script-src 'unsafe-inline'", 'connect-src', API),
    ).toBe(`connect-src 'self' ${API}; script-src 'unsafe-inline'`);
  });

  it('when default-src decided, a connect-src with its sources, so the page keeps what it could reach', () => {
    expect(policyAllowing("default-src 'self' https://cdn.example", 'connect-src', API)).toBe(
      `default-src 'self' https://cdn.example; connect-src 'self' https://cdn.example ${API}`,
    );
  });

  it("replaces 'none', which cannot stand beside a source", () => {
    expect(policyAllowing("connect-src 'none'", 'connect-src', API)).toBe(`connect-src ${API}`);
    expect(policyAllowing("default-src 'none'", 'connect-src', API)).toBe(
      `default-src 'none'; connect-src ${API}`,
    );
  });

  it('reads directive names in any case and any whitespace, and adds the origin once', () => {
    expect(policyAllowing(`  CONNECT-SRC\t'self'  ${API} ;;`, 'connect-src', API)).toBe(
      `connect-src 'self' ${API}`,
    );
  });
});
