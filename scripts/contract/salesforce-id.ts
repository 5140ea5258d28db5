/**
 * Salesforce record ids: 15-character case-sensitive ids and their 18-character,
 * case-insensitive-safe form. The contract sends 18-character ids (what Apex
 * serialises) but accepts 15-character ones inbound, so tools need the conversion.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The three-character checksum suffix Salesforce appends to a 15-character id. */
export function idSuffix(id15: string): string {
  if (!ID_15.test(id15)) throw new Error(`not a 15-character Salesforce id: ${id15}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      // The suffix records which characters are upper case, so that the id
      // survives case-insensitive systems (spreadsheets, some databases).
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** Converts a 15- or 18-character id to its 18-character form (18-character ids are re-derived). */
export function to18(id: string): string {
  if (ID_18.test(id)) return to18(id.slice(0, 15));
  return id + idSuffix(id);
}

/** True when `id` is an 18-character id whose suffix matches its first 15 characters. */
export function isValidId18(id: string): boolean {
  return ID_18.test(id) && idSuffix(id.slice(0, 15)) === id.slice(15);
}
