import { createRequire } from "node:module";

/**
 * Domains in the tenants' link lists (config `filters.links` and managers' `links:update`): how
 * an entry is read, and which entries are refused, in one place for the config check at start,
 * the managers' edits and the link matcher.
 */

/** Every top-level domain IANA delegates (the `tlds` package). */
export const ALL_TLDS: ReadonlySet<string> = new Set(createRequire(import.meta.url)("tlds") as string[]);

/**
 * Second-level labels under which country registries sell names ("co.uk", "com.au", "gouv.fr",
 * "asso.fr", "ne.jp"): with a country TLD after them, the pair is a public suffix, not a site.
 * Without the whole Public Suffix List this is the common part of it; private suffixes such as
 * shared hosting domains are not in it.
 */
const REGISTRY_LABELS: ReadonlySet<string> = new Set([
  "ac", "asso", "biz", "co", "com", "edu", "go", "gob", "gouv", "gov", "gv", "info", "int", "ltd", "me", "mil",
  "ne", "net", "nhs", "nom", "or", "org", "plc", "sch", "tm",
]);

/** One DNS label: letters (any script, for IDNs) and digits, hyphens inside, at most 63 characters. */
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** A domain as a manager typed it ("https://www.Rival.com/shop", "*.rival.com", ".rival.com") reduced to its host. */
export function canonicalDomain(domain: string): string {
  let d = domain.trim().toLowerCase().normalize("NFKC");
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/[/?#:].*$/, "").replace(/^(?:\*\.|\.)/, "").replace(/\.$/, "");
  if (d.startsWith("www.")) d = d.slice(4);
  return d;
}

/**
 * Whether `host` (canonical) is a public suffix: a TLD or any other single label, or a registry
 * label under a country TLD. Allowing one would allow every site under it.
 */
export function isPublicSuffix(host: string): boolean {
  const labels = host.split(".");
  if (labels.length === 1) return true;
  return labels.length === 2 && REGISTRY_LABELS.has(labels[0]!) && labels[1]!.length === 2 && ALL_TLDS.has(labels[1]!);
}

/**
 * Why an entry of a link list is refused, or undefined when it is fine. Both lists need a host
 * name; `allow` also refuses public suffixes (`com`, `co.uk`), while `block` accepts them, since
 * blocking every `.xyz` link is a choice a brand may make.
 */
export function linkDomainProblem(entry: string, list: "allow" | "block"): string | undefined {
  const host = canonicalDomain(entry);
  if (!host || host.length > 253 || !host.split(".").every((l) => LABEL.test(l))) return `"${entry}" is not a domain name`;
  if (list === "allow" && isPublicSuffix(host)) {
    return `"${entry}" is a public suffix: allowing it would allow every site under it; list the brand's own domains (e.g. "brand.${host}")`;
  }
  return undefined;
}
