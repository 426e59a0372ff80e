// Dialogs any view can open.
export const exportDialog: { open: boolean; actor: { id: number; name: string } | null } = $state({
  open: false,
  actor: null,
});

export function openExport(actor: { id: number; name: string } | null = null): void {
  exportDialog.actor = actor;
  exportDialog.open = true;
}
