import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { useFakeBackend } from "./ipc";
import { createFakeBackend } from "./ipc/fake";
import { seedDemoShop } from "./ipc/fake-demo";

async function start() {
  // In a plain browser, "?demo" (or "?demo=hi" for Hindi) fills the fake backend with a sample shop (for screenshots and demos).
  const demo = new URLSearchParams(window.location.search).get("demo");
  if (!("__TAURI_INTERNALS__" in window) && demo !== null) {
    const fake = createFakeBackend();
    await seedDemoShop(fake, demo === "hi" ? "hi" : "en");
    useFakeBackend(fake);
  }
  mount(App, { target: document.getElementById("app")! });
}

start();
