// A jest reporter that leaves each project's totals in FAULTLINE_TEST_RESULTS_DIR, so the test
// command can print one closing line for the whole run. Plain JS: jest loads reporters untransformed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.name = path.basename(globalConfig.rootDir);
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.FAULTLINE_TEST_RESULTS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const failedSuites = results.testResults
      .filter((suite) => suite.numFailingTests > 0 || suite.testExecError)
      .map((suite) => path.relative(process.cwd(), suite.testFilePath));
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites,
    };
    fs.writeFileSync(path.join(dir, `${this.name}-${process.pid}.json`), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
