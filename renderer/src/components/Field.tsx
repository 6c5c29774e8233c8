import { useId, type ReactNode } from 'react';

export interface FieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  help?: ReactNode;
  /** A sentence with a next step; marks the input invalid and is read with it. */
  error?: string | null;
  placeholder?: string;
  readOnly?: boolean;
  type?: 'text' | 'url';
  /** Extra controls after the input (e.g. a button acting on it). */
  children?: ReactNode;
  onEnter?(): void;
  onBlur?(): void;
}

/** A labelled text input with help and error text wired through aria-describedby. */
export function Field({ label, value, onChange, help, error, placeholder, readOnly, type = 'text', children, onEnter, onBlur }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id} type={type} value={value} placeholder={placeholder} readOnly={readOnly} spellCheck={false} autoComplete="off"
          aria-describedby={describedBy} aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)} onBlur={onBlur}
          onKeyDown={(e) => { if (e.key === 'Enter' && onEnter) { e.preventDefault(); onEnter(); } }}
        />
        {children}
      </div>
      {help && <div id={helpId} className="field-help">{help}</div>}
      {error && <p id={errorId} className="field-error"><span aria-hidden="true">✖ </span>{error}</p>}
    </div>
  );
}
