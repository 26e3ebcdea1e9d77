/**
 * One state per login, as a discriminated union (STYLE), with the port link kept beside it:
 * a user who escaped to the CLI with the access character is still connected to the port.
 */
import type { HistoryViewer } from '../../cli/history-viewer.js';
import type { ConnectionId } from '../../domain/broker/types.js';
import type { Choice } from '../../domain/share.js';
import type { KeyAnswerReader } from '../../protocol/key-answer.js';
import type { LineEditor } from '../../protocol/line-editor.js';

export type LoginState =
  /** At the `> ` prompt (possibly with a suspended port link: RESUME returns to it). */
  | { readonly kind: 'cli' }
  /** A CLI command is running; input waits in the line editor. */
  | { readonly kind: 'running' }
  /** A connect request is with the broker and no answer has arrived yet. */
  | { readonly kind: 'requesting'; readonly id: ConnectionId; readonly port: number }
  /** Reading one key E/N/S/D (SPEC §4, §9). */
  | { readonly kind: 'choosing'; readonly id: ConnectionId; readonly port: number; readonly options: readonly Choice[] }
  /** Waiting for the SO's Y/N. */
  | { readonly kind: 'awaiting-approval'; readonly id: ConnectionId; readonly port: number }
  /** Bytes flow between the terminal and the port. */
  | { readonly kind: 'attached' }
  /** A command asked a Y/N question (SERVER REBOOT): one key answers it (SessionControl.ask). */
  | { readonly kind: 'confirming'; readonly question: string; readonly reader: KeyAnswerReader<'Y' | 'N'>; readonly answer: (yes: boolean) => void }
  /** A command asked for a secret line (USER ADD's password): read without echo until Enter. */
  | { readonly kind: 'secret'; readonly editor: LineEditor; readonly answer: (line: string | null) => void }
  /** PORT n HISTORY: the viewer reads every key (SPEC §6 history mode). */
  | { readonly kind: 'history'; readonly viewer: HistoryViewer }
  | { readonly kind: 'closing' };
