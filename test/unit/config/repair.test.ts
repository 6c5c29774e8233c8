import { describe, expect, it } from 'vitest';
import { repairConfigText } from '../../../main/core/config/repair.js';

describe('repairConfigText', () => {
  it('removes trailing commas and comments, and nothing else', () => {
    const text = '{\n  // my servers\n  "mcpServers": {\n    "files": { "command": "npx", "args": ["a,", "//b", ], },\n  }, /* end */\n}\n';
    const r = repairConfigText(text);
    expect(r?.fixes).toEqual(['a comment at line 2, column 3', 'a trailing comma at line 4, column 54', 'a trailing comma at line 4, column 57', 'a trailing comma at line 4, column 60', 'a trailing comma at line 5, column 4', 'a comment at line 5, column 6']);
    expect(JSON.parse(r!.text)).toEqual({ mcpServers: { files: { command: 'npx', args: ['a,', '//b'] } } });
    // Every other byte is where it was: the repaired text is the original minus the removed spans.
    expect(r!.text).toBe('{\n  \n  "mcpServers": {\n    "files": { "command": "npx", "args": ["a,", "//b" ] }\n  } \n}\n');
  });

  it('offers nothing for other errors or for valid JSON', () => {
    expect(repairConfigText('{ "mcpServers": { "a": { "command": "x" } }')).toBeNull();
    expect(repairConfigText('{ "a": 1 "b": 2 }')).toBeNull();
    expect(repairConfigText('{ "a": 1 }')).toBeNull();
  });
});
