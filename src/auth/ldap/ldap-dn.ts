/** Issue 15: LDAP group DNs as ccmd compares them. Pure. */

/** Group DNs compare ignoring case and spaces around separators (`cn=Ops, dc=x` = `CN=ops,DC=x`). */
export function normaliseDn(dn: string): string {
  return dn.trim().toLowerCase().replace(/\s*([,=+])\s*/g, '$1');
}
