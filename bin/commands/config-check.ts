import type { Command } from 'commander';

interface ConfigCheckOptions {
  config: string;
  secrets?: boolean;
}

/**
 * `skolbrygga config check`: what start-up does with the configuration, without starting — so an
 * administrator can validate an edited file (and, with `--secrets`, the environment) before the
 * night it is used. Errors name the file, the line, the path and the reason.
 */
export function registerConfigCheck(program: Command): void {
  const config = program.command('config').description('municipality configuration');
  config
    .command('check')
    .description('validate a configuration file (YAML or JSON)')
    .requiredOption('--config <file>', 'the configuration file')
    .option('--secrets', 'also check that every environment variable the file names is set')
    .action(async (options: ConfigCheckOptions) => {
      const { loadConfig, resolveSecrets } = await import('../../config/index.js');
      const loaded = await loadConfig(options.config);
      if (options.secrets) resolveSecrets(loaded, process.env);
      const platforms = loaded.tenants.reduce((sum, tenant) => sum + tenant.platforms.length, 0);
      process.stdout.write(
        `${options.config}: valid — ${loaded.tenants.length} municipalities, ${platforms} platforms` +
          `${options.secrets ? ', every secret set' : ''}\n`,
      );
    });
}
