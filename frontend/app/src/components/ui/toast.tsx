/**
 * Toasts: short notices of what just happened ("Account 1000 created"),
 * announced to screen readers, dismissed by swiping, Escape or their close
 * button. `useToast().toast(...)` shows one.
 */

import * as ToastPrimitive from "@radix-ui/react-toast";
import { X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

import { cn } from "@/lib/utils";

export type ToastVariant = "default" | "success" | "destructive";

export interface ToastInput {
  title: string;
  description?: string;
  variant?: ToastVariant;
}

interface ShownToast extends ToastInput {
  id: number;
  open: boolean;
}

interface ToastApi {
  toast: (input: ToastInput) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const variantClass: Readonly<Record<ToastVariant, string>> = {
  default: "border bg-popover text-popover-foreground",
  success: "border border-success/40 bg-popover text-popover-foreground",
  destructive: "border-destructive bg-destructive text-destructive-foreground",
};

let nextId = 1;

export function Toaster({ children }: { children: ReactNode }): ReactNode {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const toast = useCallback((input: ToastInput) => {
    const id = nextId++;
    setToasts((shown) => [...shown.slice(-3), { ...input, id, open: true }]);
  }, []);
  const api = useMemo(() => ({ toast }), [toast]);
  const close = (id: number): void => {
    setToasts((shown) => shown.map((t) => (t.id === id ? { ...t, open: false } : t)));
    // Leave time for the closing animation before the toast goes.
    window.setTimeout(() => setToasts((shown) => shown.filter((t) => t.id !== id)), 300);
  };
  return (
    <ToastContext.Provider value={api}>
      <ToastPrimitive.Provider swipeDirection="right" duration={5000}>
        {children}
        {toasts.map((t) => (
          <ToastPrimitive.Root
            key={t.id}
            open={t.open}
            onOpenChange={(open) => {
              if (!open) close(t.id);
            }}
            type={t.variant === "destructive" ? "foreground" : "background"}
            className={cn("relative grid gap-1 rounded-lg p-4 pr-9 shadow-lg animate-in", variantClass[t.variant ?? "default"])}
          >
            <ToastPrimitive.Title className="text-sm font-semibold">{t.title}</ToastPrimitive.Title>
            {t.description === undefined ? null : (
              <ToastPrimitive.Description className="text-sm opacity-90">{t.description}</ToastPrimitive.Description>
            )}
            <ToastPrimitive.Close className="absolute top-3 right-3 rounded-sm opacity-70 hover:opacity-100" aria-label="Dismiss">
              <X className="size-4" aria-hidden="true" />
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="fixed right-0 bottom-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (api === null) {
    throw new Error("useToast needs a <Toaster> above it");
  }
  return api;
}
