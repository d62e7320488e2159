/** A chunk's text with every character above U+00FF escaped (scripts/ascii-server-chunks.mjs). */
export declare function asciiChunk(
  file: string,
  text: string,
):
  | { text: string; changed: boolean; reason?: undefined }
  | { reason: string; text?: undefined; changed?: undefined };
