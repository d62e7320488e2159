export const id = 'x';
export const title = 'todo';
export async function run() {
  return { skipped: 'todo' };
}
