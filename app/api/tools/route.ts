import { toolSwitches } from '@/lib/chat/tools';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** The tools the composer can switch, with whether each can be used now. */
export const GET = ownerRoute(async () => Response.json({ options: await toolSwitches() }));

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
