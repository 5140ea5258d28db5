'use strict';
/**
 * Runs Salesforce's platform LWC compiler over bundles read as JSON from stdin and writes
 * one report per bundle to stdout. Kept in CommonJS beside its own node_modules (its peers
 * are LWC 9.x while the project uses LWC 8.28.2); run it from a neutral working directory
 * because its lint step reads the Babel config of the directory it runs in.
 *
 * stdin:  [{ "name": "fooBar", "files": { "fooBar.js": "...", "fooBar.html": "..." } }]
 * stdout: [{ "name": "fooBar", "success": true, "diagnostics": [{ "level": 1, "message": "...", "filename": "...", "location": { "line": 1, "column": 2 } }] }]
 */
const path = require('node:path');
const { compile } = require(path.join(__dirname, 'node_modules', '@lwc', 'sfdc-lwc-compiler'));

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const bundles = JSON.parse(input);
  const reports = [];
  for (const bundle of bundles) {
    try {
      const report = await compile({
        bundle: { namespace: 'c', name: bundle.name, type: 'platform', files: bundle.files },
        outputConfigs: [{ minify: false, env: { NODE_ENV: 'production' } }],
      });
      reports.push({
        name: bundle.name,
        success: report.success,
        diagnostics: (report.diagnostics || []).map((d) => ({
          level: d.level,
          code: d.code,
          message: d.message,
          filename: d.filename,
          location: d.location,
        })),
      });
    } catch (error) {
      reports.push({
        name: bundle.name,
        success: false,
        diagnostics: [{ level: 1, message: String(error && error.stack ? error.stack : error) }],
      });
    }
  }
  process.stdout.write(JSON.stringify(reports));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
