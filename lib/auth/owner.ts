/**
 * Until accounts land, everything belongs to one local owner. Every query in db/queries already
 * takes the owner, so accounts only have to change where this id comes from.
 */
export const LOCAL_OWNER_ID = 'local';

export async function requireOwnerId(): Promise<string> {
  return LOCAL_OWNER_ID;
}
