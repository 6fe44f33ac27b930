import * as vscode from 'vscode';
import { getConfig } from '../workspace/config';

/**
 * The recipe's snippets (generate_jwt, verify_jwt, jwt_middleware; generateJwt, verifyJwt, jwtExpressMiddleware)
 * as completions, so that what they put in `iss` is what Sign Selection puts there: the `jwtWorkbench.issuer`
 * setting of the file's folder, else the folder's name. A static snippet file cannot read settings.
 */
export class RecipeSnippetProvider implements vscode.CompletionItemProvider {
  async provideCompletionItems(document: vscode.TextDocument): Promise<vscode.CompletionItem[]> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
    const issuer = getConfig(document.uri).issuer || folder?.name || 'app';
    const python = document.languageId === 'python';
    // The recipe's code (with the Django module) is read on first use: activation does not need it.
    const { pythonSnippets, typescriptSnippets } = await import('../core/project/snippets');
    return (python ? pythonSnippets(issuer) : typescriptSnippets(issuer)).map((s) => {
      const item = new vscode.CompletionItem({ label: s.prefix, description: python ? 'JWT Workbench (PyJWT)' : 'JWT Workbench (jose)' }, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString(s.body);
      item.detail = s.description;
      item.documentation = new vscode.MarkdownString().appendCodeblock(s.body.replace(/\$0$/, '').replace(/\\([\\$}])/g, '$1'), python ? 'python' : 'typescript');
      return item;
    });
  }
}

export const SNIPPET_LANGUAGES = ['python', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
