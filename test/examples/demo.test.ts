import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envWithoutCredentials } from '../support/sandbox.js';

const run = promisify(execFile);

describe('npm run demo', () => {
  it('runs both of the seed workflows end to end on the sandbox with the scripted model', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
      env: envWithoutCredentials(),
      timeout: 90_000,
    });
    expect(stdout).toContain('Truto: local sandbox at http://127.0.0.1:');
    expect(stdout).toContain('Model: a SCRIPTED chat model');
    // Workflow 1: costs for the past week, the 429 pause, then the capacity check of the production project.
    expect(stdout).toContain('Rate limit hit. Agent pausing for 1 seconds.');
    expect(stdout).toMatch(/Executing tool: list_all_open_ai_costs \{"start_time":"the past week"/);
    expect(stdout).toContain('Executing tool: list_all_open_ai_project_rate_limits {"project_id":"proj_12345"}');
    expect(stdout).toMatch(/Final Answer: Spend for the past week: \$\d+\.\d\d/);
    // Workflow 2: transcription of the shipped audio file, then a cover image.
    expect(stdout).toContain(
      'Executing tool: create_a_open_ai_transcription {"file":"all-hands.wav","model":"whisper-1"}',
    );
    expect(stdout).toContain('Executing tool: create_a_open_ai_image_generation');
    expect(stdout).toMatch(/Cover image: https:\/\//);
  });
});
