"""What the centre's pages refuse, in a real browser (Chromium through Selenium, Debian's
chromedriver): a forged session cookie, a form without its CSRF token, another Kanwil's café
typed into the address bar; and what a Kanwil officer may do: see their cafés and download a
café's CSV.

    python3 refusals.py URL NAME PASSWORD OWN_CAFE OTHER_CAFE DOWNLOADS

Prints one JSON object of what the browser saw.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,900"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_for(driver, selector):
    return WebDriverWait(driver, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))


def main():
    url, name, password, own, other, downloads = sys.argv[1:7]
    driver = browser(downloads)
    seen = {}
    try:
        # A session cookie the centre never gave: the overview sends to the sign-in.
        driver.get(url + "/masuk")
        driver.add_cookie({"name": "__Host-kasir_sesi", "value": "A" * 64, "path": "/", "secure": True, "httpOnly": True})
        driver.get(url + "/")
        wait_for(driver, "form.signin")
        seen["forged_cookie_lands_on"] = driver.current_url
        driver.delete_all_cookies()

        # Signed in properly.
        driver.get(url + "/masuk")
        wait_for(driver, "form.signin")
        driver.find_element(By.NAME, "nama").send_keys(name)
        driver.find_element(By.NAME, "sandi").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "form.signin button[type=submit]").click()
        wait_for(driver, "tr[data-cafe]")
        seen["cafes"] = [row.get_attribute("data-cafe") for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-cafe]")]

        # Another Kanwil's café typed in.
        driver.get(url + "/kafe/" + other)
        seen["other_cafe"] = wait_for(driver, "p.problem").text

        # A form whose token was taken out before it was sent.
        driver.get(url + "/")
        wait_for(driver, "header.bar form")
        driver.execute_script("document.querySelector('header.bar form input[name=csrf]').remove()")
        driver.find_element(By.CSS_SELECTOR, "header.bar form button").click()
        seen["form_without_token"] = wait_for(driver, "p.problem").text
        driver.get(url + "/")
        wait_for(driver, "tr[data-cafe]")
        seen["still_signed_in"] = driver.current_url

        # A café's CSV, downloaded as a person would.
        driver.get(url + "/kafe/" + own + "?bulan=2026-11")
        wait_for(driver, "section.report")
        driver.find_element(By.CSS_SELECTOR, "#pelatihan .downloads a[href*='.csv']").click()
        target = os.path.join(downloads, own + "-2026-11-pelatihan.csv")
        for _ in range(100):
            if os.path.exists(target):
                break
            time.sleep(0.1)
        seen["download"] = open(target, encoding="utf-8", newline="").read() if os.path.exists(target) else None
        print(json.dumps(seen))
    finally:
        driver.quit()


main()
