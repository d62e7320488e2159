'use client';

import { useEffect, useState } from 'react';
import type { ToolOption } from './tools-menu';

interface ToolsResponse {
  options: (ToolOption & { defaultEnabled: boolean })[];
}

/**
 * The tools that can be switched, read from the server (MCP servers may be slow or down, so never
 * on the page's critical path), and the ones switched on for this conversation.
 */
export function useToolSwitches(initial: string[] | undefined) {
  const [options, setOptions] = useState<ToolOption[]>([]);
  const [enabled, setEnabled] = useState<string[] | undefined>(initial);
  const [defaults, setDefaults] = useState<string[]>([]);

  useEffect(() => {
    let cancelled = false;
    fetch('/api/tools', { cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<ToolsResponse>) : { options: [] }))
      .then((body) => {
        if (cancelled) return;
        setOptions(body.options);
        setDefaults(body.options.filter((o) => o.defaultEnabled).map((o) => o.id));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  // `chosen` is sent with a turn only once the conversation (or the user) has chosen; until then the
  // server applies its defaults, even before this page has loaded the list.
  return { options, enabled: enabled ?? defaults, chosen: enabled, setEnabled };
}
