"use client";
// The latest answer of the admin form around a field (see ActionForm), for the fields to show what was typed
// and which of them is in error.
import { createContext, useContext } from "react";
import type { ActionState } from "./action-state";

export const FormStateContext = createContext<ActionState>(null);

export function useFieldState(name: string) {
  const state = useContext(FormStateContext);
  const refused = state !== null && !state.ok;
  return {
    /** What was typed in this field before the refusal; undefined when nothing is to be restored. */
    typed: refused ? (state.values?.[name] ?? "") : undefined,
    error: refused && state.field === name ? state.message : null,
    /** Changes with every answer, so an uncontrolled field takes its restored value. */
    key: state?.answeredAt ?? 0,
    refused,
  };
}
