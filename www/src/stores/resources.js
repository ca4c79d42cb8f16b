// Azure DevOps' demo resources (organizations, projects, repositories), and the demo's seed.
import { audit } from "./audit.js";
import { all, first, statement } from "./db.js";

const PROJECT_COLUMNS = "id, name, description, revision, updated_at";

export const projectsOf = (env, organization) => all(env, `SELECT ${PROJECT_COLUMNS} FROM projects WHERE organization = :organization ORDER BY name`, { organization });

/** A project by its id or its name (names compare without case, as Azure DevOps compares them). */
export const projectOf = (env, organization, idOrName) =>
  first(env, `SELECT ${PROJECT_COLUMNS} FROM projects WHERE organization = :organization AND (id = lower(:idOrName) OR name = :idOrName COLLATE NOCASE)`, { organization, idOrName });

/** Repositories of an organization, or of one of its projects, each with its project. */
export const repositoriesOf = (env, organization, projectName = null) =>
  all(env, `SELECT r.id, r.name, p.id AS project_id, p.name AS project_name, p.description AS project_description,
            p.revision AS project_revision, p.updated_at AS project_updated_at
       FROM repositories r JOIN projects p ON p.organization = r.organization AND p.name = r.project
      WHERE r.organization = :organization AND (:projectName IS NULL OR p.name = :projectName) ORDER BY p.name, r.name`, { organization, projectName });

/** Up to 100 git repositories of the given organizations (`{ organization, project, name }`). */
export const repositoriesIn = (env, organizations) =>
  all(env, "SELECT organization, project, name FROM repositories WHERE organization IN (SELECT value FROM json_each(:organizations)) ORDER BY organization, project, name LIMIT 100", {
    organizations: JSON.stringify(organizations),
  });

export const repositoryExists = async (env, organization, project, name) =>
  (await first(env, "SELECT 1 FROM repositories WHERE organization = :organization AND project = :project AND name = :name", { organization, project, name })) !== null;

/** Seeds an empty store with the demo; every insert is OR IGNORE, so concurrent seeds are harmless. */
export async function seedDemo(env, now, users, projectId, repositoryId) {
  const statements = [
    statement(env, "INSERT OR IGNORE INTO organizations (name, id) VALUES ('fabrikam', :fabrikam), ('contoso', :contoso)", { fabrikam: crypto.randomUUID(), contoso: crypto.randomUUID() }),
    statement(env, "INSERT OR IGNORE INTO projects (organization, name, id, description, updated_at) VALUES ('fabrikam', 'demo', :projectId, 'The demo project', :now)", { projectId, now }),
    statement(env, "INSERT OR IGNORE INTO repositories (organization, project, name, id) VALUES ('fabrikam', 'demo', 'demo', :repositoryId)", { repositoryId }),
  ];
  for (const u of users) {
    statements.push(
      statement(
        env,
        "INSERT OR IGNORE INTO users (id, display_name, email, is_admin, password_hash, password_salt, password_iterations, created_at) VALUES (:id, :displayName, :email, :isAdmin, :hash, :salt, :iterations, :now)",
        { id: u.id, displayName: u.displayName, email: `${u.id}@example.com`, isAdmin: u.isAdmin ? 1 : 0, hash: u.hash, salt: u.salt, iterations: u.iterations, now },
      ),
      ...u.organizations.map((organization) => statement(env, "INSERT OR IGNORE INTO memberships (user_id, organization) VALUES (:userId, :organization)", { userId: u.id, organization })),
    );
  }
  statements.push(audit(env, now, { action: "seed", detail: { users: users.length } }));
  await env.DB.batch(statements);
}
