import { getConfig } from '@/lib/config';
import { UnauthorizedError } from '@/lib/errors';
import { getAuth } from './index';
import { LOCAL_OWNER_ID } from './local-owner';

export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'user';
  /** Single-user mode: no sign-in, everything belongs to the local owner. */
  singleUser: boolean;
}

const LOCAL_VIEWER: Viewer = {
  id: LOCAL_OWNER_ID,
  name: 'Local owner',
  email: '',
  role: 'admin',
  singleUser: true,
};

/** Who is asking, from the session cookie in `headers`; null when nobody is signed in. */
export async function getViewer(headers: Headers): Promise<Viewer | null> {
  if (getConfig().auth.mode === 'none') return LOCAL_VIEWER;
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const { user } = session;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role === 'admin' ? 'admin' : 'user',
    singleUser: false,
  };
}

/** The owner every query of this request is scoped to; 401 when nobody is signed in. */
export async function requireOwnerId(headers: Headers): Promise<string> {
  const viewer = await getViewer(headers);
  if (!viewer) throw new UnauthorizedError();
  return viewer.id;
}
