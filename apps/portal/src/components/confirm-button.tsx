import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  label: string;
  confirmLabel: string;
  prompt: ComponentChildren;
  onConfirm: () => void | Promise<void>;
  danger?: boolean;
  disabled?: boolean;
  /** When the label alone is ambiguous (one Release button per row). */
  accessibleLabel?: string;
}

/** A destructive action asks once more, inline (no modal), and keeps focus where the user is. */
export function ConfirmButton(props: Props) {
  const { label, confirmLabel, prompt, onConfirm, danger, disabled, accessibleLabel } = props;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question: onto Confirm when asked, back onto the button when answered.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (asked.current) startRef.current?.focus();
    asked.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        ref={startRef}
        class={danger ? 'danger' : undefined}
        disabled={disabled}
        aria-label={accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span class="confirm" role="group" aria-label={accessibleLabel ?? label}>
      <span class="confirm-prompt">{prompt}</span>
      <button
        type="button"
        ref={confirmRef}
        class={danger ? 'danger' : 'primary'}
        disabled={busy}
        onClick={() => void confirm()}
      >
        {confirmLabel}
      </button>
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
