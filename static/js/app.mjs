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
