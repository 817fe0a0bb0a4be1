'use client';

import { Pencil, Trash2 } from 'lucide-react';
import { Button } from './button';

/** The edit and delete buttons at the end of a table row; labels name the row for screen readers. */
export function RowActions({ editLabel, deleteLabel, onEdit, onDelete }: { editLabel: string; deleteLabel: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <div className="flex justify-end gap-0.5">
      <Button variant="ghost" size="icon" aria-label={editLabel} onClick={onEdit}>
        <Pencil aria-hidden />
      </Button>
      <Button variant="ghost" size="icon" aria-label={deleteLabel} onClick={onDelete}>
        <Trash2 aria-hidden />
      </Button>
    </div>
  );
}
