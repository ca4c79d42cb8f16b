"""Microsoft's Python client for Azure DevOps (azure-devops on PyPI) against patgate, as a user
runs it: `client.py ORG_URL` with the PAT in PATGATE_PAT. Prints one JSON object: what each call
returned, or the error the client raised (its class, message and typeKey)."""
import json
import os
import sys

from azure.devops.connection import Connection
from azure.devops.exceptions import AzureDevOpsAuthenticationError, AzureDevOpsServiceError
from msrest.authentication import BasicAuthentication


def main(org_url):
    connection = Connection(base_url=org_url, creds=BasicAuthentication("", os.environ["PATGATE_PAT"]))
    clients = connection.clients_v7_1
    out = {}
    try:
        core = clients.get_core_client()
        out["projects"] = [{"id": p.id, "name": p.name, "state": p.state, "visibility": p.visibility,
                            "revision": p.revision, "lastUpdateTime": p.last_update_time.isoformat(), "url": p.url}
                           for p in core.get_projects()]
        p = core.get_project("demo", include_capabilities=True)
        out["project"] = {"id": p.id, "name": p.name, "sourceControlType": p.capabilities["versioncontrol"]["sourceControlType"]}
        builds = clients.get_build_client().get_builds(project="demo", top=2)
        out["builds"] = [{"id": b.id, "buildNumber": b.build_number, "status": b.status, "result": b.result,
                          "queueTime": b.queue_time.isoformat(), "project": b.project.name} for b in builds]
        git = clients.get_git_client()
        repos = git.get_repositories(project="demo")
        out["repositories"] = [{"id": r.id, "name": r.name, "remoteUrl": r.remote_url, "project": r.project.name} for r in repos]
        out["organizationRepositories"] = [r.name for r in git.get_repositories()]
    except AzureDevOpsAuthenticationError as e:
        out["error"] = {"class": "AzureDevOpsAuthenticationError", "message": str(e)}
    except AzureDevOpsServiceError as e:
        out["error"] = {"class": "AzureDevOpsServiceError", "message": e.message, "typeKey": e.type_key}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
