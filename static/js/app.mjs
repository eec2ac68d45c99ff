import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// A wide table scrolls inside its region ({% table_region %}), which the keyboard reaches to scroll
// it; a region that does not scroll at the window's width is no tab stop.
const tableRegions = document.querySelectorAll(".app-table-wrapper");
const tabStopsWhereTheyScroll = () => {
  for (const region of tableRegions) {
    if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
    else region.removeAttribute("tabindex");
  }
};
tabStopsWhereTheyScroll();
addEventListener("resize", tabStopsWhereTheyScroll);

// A button with data-copy copies the value of the field it names (a new API token, shown once) and
// says so in the status region data-copy-status names. Without JavaScript it stays hidden.
for (const button of document.querySelectorAll("[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copyStatus);
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = "Token copied";
    } catch {
      field.select();
      status.textContent = "Select the token and copy it";
    }
  });
}
