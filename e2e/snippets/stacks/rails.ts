/**
 * Rails + rack-cors: a one-file Rails application (Debian's ruby-railties, Rails 6.1) per
 * app, served by Puma. Rails.application is process-wide, so one process per app. The
 * snippet is an initializer (config/initializers/cors.rb): it runs here at the same point,
 * after the application class is defined and before it is initialized.
 */
import { existsSync } from 'node:fs';
import type { AppProgram } from '../run-app';
import { runs } from '../run-app';
import type { AppSpec, Stack } from './types';

const RUBY = process.env.SNIPPETS_RUBY ?? '/usr/bin/ruby';
const PUMA = process.env.SNIPPETS_PUMA ?? '/usr/bin/puma';

const rb = (value: string) => JSON.stringify(value);

function configRu(app: AppSpec): string {
  const headers = app.responseHeaders.map(([n, v]) => `${rb(n)} => ${rb(v)}`).join(', ');
  return `require "action_controller/railtie"
require "rack/cors"

class SnippetApp < Rails::Application
  config.eager_load = false
  config.secret_key_base = "snippet-suite"
  config.logger = Logger.new($stderr, level: :warn)
  config.hosts.clear
end

# The app's auth check: 401 to any request without Authorization.
class RequireAuth
  def initialize(app)
    @app = app
  end

  def call(env)
    return [401, { "Content-Type" => "application/json", "WWW-Authenticate" => "Bearer" }, ['{"error":"unauthorized"}']] unless env["HTTP_AUTHORIZATION"]
    @app.call(env)
  end
end
${app.auth && !app.authFirst ? '\n# An app-level auth check, last in the stack as `use` puts it.\nRails.application.config.middleware.use RequireAuth\n' : ''}
# ---- snippet, as the card shows it ----
${app.snippet.code}
# ---- end of snippet ----
${app.auth && app.authFirst ? '\n# The pitfall: an auth middleware inserted at position 0 after the initializer ran.\nRails.application.config.middleware.insert_before 0, RequireAuth\n' : ''}
SnippetApp.initialize!
SnippetApp.routes.draw do
  match ${rb(app.path)}, via: :all, to: ->(_env) { [200, { "Content-Type" => "application/json", ${headers} }, ['{"ok":true}']] }
end

run SnippetApp
`;
}

export const rails: Stack = {
  id: 'rails',
  requires: [
    {
      what: 'Ruby with Rails (railties, actionpack) and rack-cors',
      present: () =>
        existsSync(RUBY) &&
        runs(RUBY, ['-e', 'require "action_controller/railtie"; require "rack/cors"']),
      apt: ['ruby-railties', 'ruby-actionpack', 'ruby-rack-cors'],
    },
    { what: 'Puma', present: () => existsSync(PUMA), apt: ['puma'] },
  ],
  showsAuthPitfall: true,
  programs: (apps) =>
    apps.map((app): AppProgram => ({
      files: { [`${app.name}.ru`]: configRu(app) },
      command: PUMA,
      args: [
        '--bind',
        `tcp://127.0.0.1:${app.port}`,
        '--threads',
        '1:4',
        '--quiet',
        `${app.name}.ru`,
      ],
      startTimeoutMs: 30_000,
      hosts: [app.name],
    })),
};
